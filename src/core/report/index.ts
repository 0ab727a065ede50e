export { reportJson, REPORT_SCHEMA } from './json';
export { reportMarkdown, reportTree } from './markdown';
export { reportText, inert } from './text';
export { bytes, configLabel, headline, impactLabel, deltaRange } from './format';
