// Vitest global setup for packages above core: the run's embedded database, as core's own tests use it.
export { default } from '@groupchat/db/global-setup';
