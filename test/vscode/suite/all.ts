// Every extension-host test file, in the order they run (bundled into one file).
import './safe.test';
import './activation.test';
import './seed.test';
import './lore.test';
import './hostile.test';
import './commands.test';
import './settings.test';
import './review.test';
import './tree.test';
