// Test-only: read response bodies as `any` so assertions can look inside them without casts at every call.
declare global {
  interface Response {
    // biome-ignore lint/suspicious/noExplicitAny: assertions inspect arbitrary response bodies
    json(): Promise<any>;
  }
}

export {};
