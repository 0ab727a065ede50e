// One entry per subcommand; each lives in its own module under commands/.
import { layoutCommand } from './commands/layout';
export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {};
commands.layout = layoutCommand;
