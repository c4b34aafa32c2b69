// A parent that starts the S3 server, says where, and waits to be killed (s3-server.test.ts).
import { startS3Server } from '../src/index.ts';

const server = await startS3Server({ dataDir: process.argv[2]! });
console.log(JSON.stringify({ port: server.port, gatewayPid: server.pid }));
setInterval(() => {}, 60_000);
