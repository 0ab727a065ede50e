// Review sessions: walk a series hunk by hunk, take notes, export a reply for the list.
export * from './types';
export { seriesVersions, startSession, type SeriesVersion } from './start';
export { step, setState, setNote, moveTo, progress, hunkAt, type StepFilter, type Progress, type Counts } from './navigate';
export { restore } from './restore';
export { parseSession } from './validate';
export { hunkIdentity, sameIdentity } from './identity';
export { exportReply, type ReplyMail, type ReplyOptions } from './reply';
export { noteToPlain, WIDTH } from './plain';
export { impactBlock, impactMarkdown } from './impact-block';
export { sessionIds, sessionMatches, hunkAnalysisAt } from './bind';
