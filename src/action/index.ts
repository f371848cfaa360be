// The action's main step as GitHub runs it: `runs.main` in action.yml is this file's bundle.
import { run } from './main.js';

await run();
