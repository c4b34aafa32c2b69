// The tRPC/OpenAPI layer: the router, its context and error envelope, the OpenAPI document.
export type { ApiContext, Locale } from './context.ts';
export { isDatabaseOutage, toEnvelope, toTrpcError } from './error-envelope.ts';
export { createOpenApiDocument } from './openapi.ts';
export { type AppRouter, appRouter, createCaller } from './router.ts';
export type { ProcedureMeta } from './trpc.ts';
