// The action's post step as GitHub runs it: `runs.post` in action.yml is this file's bundle.
import { run } from './post.js';

await run();
