// Entry point of the thread stage: messages → JWZ thread tree + series.
import type { Message } from '../mail/types';
import { jwz } from './jwz';
import { groupSeries } from './series';
import type { Thread } from './types';

export { parseSubject, threadSubject } from './subject';
export { pickLikeB4 } from './b4';
export type { B4Pick } from './b4';
export { newestSeries, groupSeries } from './series';
export type { PickedSeries } from './series';

export function buildThread(messages: Message[]): Thread {
  const { roots, parent } = jwz(messages);
  return { roots, parent, series: groupSeries(messages, parent) };
}
