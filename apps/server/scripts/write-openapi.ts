// `npm run openapi`: writes openapi.json at the repository root from the router (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { createOpenApiDocument } from '@groupchat/api';
import { OPENAPI_PATH, VERSION } from '../src/settings.ts';

writeFileSync(OPENAPI_PATH, `${JSON.stringify(createOpenApiDocument(VERSION), null, 2)}\n`);
console.log(`wrote ${OPENAPI_PATH}`);
