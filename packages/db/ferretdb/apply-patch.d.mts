export function applyPatch(sourceDir: string): void;
export function patchTag(): string;
