// Node.js has `navigator` from version 21. node-postgres, as it loads, tells Cloudflare Workers apart by
// `navigator.userAgent`, and where there is no navigator by constructing a `Response`, which on Node.js 20
// loads the whole fetch implementation (about 30 ms before the first connection). Node.js 20 is given the
// navigator later versions have. Imported first by the entry points, before node-postgres loads.
const global = globalThis as { navigator?: { userAgent: string } };
global.navigator ??= { userAgent: `Node.js/${process.versions.node.split('.')[0]}` };
