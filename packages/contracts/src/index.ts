// Zod contracts shared by the server, the tRPC/OpenAPI layer and TypeScript clients.
export * from './accounts.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './field-messages.ts';
export * from './groups.ts';
export * from './invitations.ts';
export * from './text.ts';
