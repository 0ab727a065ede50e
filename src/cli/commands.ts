// One entry per subcommand; each lives in its own module under commands/.
export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {};
