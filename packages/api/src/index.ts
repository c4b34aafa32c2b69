// The tRPC/OpenAPI layer: the router, its context and error envelope, its operations, the OpenAPI document.
export type { ApiContext, Locale } from './context.ts';
export { isDatabaseOutage, toEnvelope } from './error-envelope.ts';
export { createOpenApiDocument } from './openapi.ts';
export { type HttpMethod, type Operation, operationsOf } from './operations.ts';
export { type AppRouter, appRouter, createCaller } from './router.ts';
export type { ProcedureMeta, RestAdapter } from './trpc.ts';
export { type FailureReport, trpcHandlerOptions } from './trpc-http.ts';
