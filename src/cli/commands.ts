// One entry per subcommand; each lives in its own module under commands/.
import { layoutCommand } from './commands/layout';
import { reportCommand } from './commands/report';
import { statsCommand } from './commands/stats';
import { threadCommand } from './commands/thread';

export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {};
commands.thread = threadCommand;
commands.stats = statsCommand;
commands.layout = layoutCommand;
commands.report = reportCommand;
