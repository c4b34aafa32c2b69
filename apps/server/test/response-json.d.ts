// Test-only: read response bodies as `any` so assertions can look inside them without casts at every call.
declare global {
  interface Response {
    json(): Promise<any>;
  }
}

export {};
