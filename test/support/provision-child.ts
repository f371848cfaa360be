/**
 * A process that provisions PostgreSQL the way the action does and then ends in the way the test asks:
 *   wait   print READY and wait to be signalled
 *   throw  print READY and crash with an uncaught error
 *   exit   print READY and call process.exit() without cleaning up
 * READY is followed by JSON: the database's name and URL, and the admin URL's socket directory for a cluster.
 */
import { installSignalHandlers } from '../../src/common/cleanup.js';
import { provision } from '../../src/provision/index.js';
import { SERVER_URL } from './pg.js';

const [kind, mode] = process.argv.slice(2);
installSignalHandlers();
const provisioned = await provision({ databaseUrl: kind === 'server' ? SERVER_URL : undefined, log: () => {} });
const database = await provisioned.createDatabase();
const socketDir = new URL(database.url).searchParams.get('host');
process.stdout.write(`READY ${JSON.stringify({ ...database, socketDir })}\n`);

switch (mode) {
  case 'throw':
    setTimeout(() => {
      throw new Error('crash on purpose');
    }, 10);
    break;
  case 'exit':
    process.exit(3);
    break;
  default:
    setInterval(() => {}, 60_000);
}
