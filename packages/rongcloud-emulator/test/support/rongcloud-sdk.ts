// Loads the official CommonJS `rongcloud-sdk` 3.1.1 from ESM, typed for the calls the fidelity test makes.
import { createRequire } from 'node:module';

/** Server errors resolve as `{code, msg}`; the SDK rewrites 1004 → "20000" and 1008 → "20001" (§4.3). */
interface SdkResult {
  code: number | string;
  msg?: string;
  [field: string]: unknown;
}

interface Member {
  id: string;
}

export interface RongCloudSdk {
  User: {
    register(user: { id: string; name: string; portrait: string }): Promise<SdkResult>;
    update(user: { id: string; name: string; portrait: string }): Promise<SdkResult>;
  };
  Group: {
    create(group: { id: string; name: string; members: Member[] }): Promise<SdkResult>;
    join(group: { id: string; name?: string; member: Member }): Promise<SdkResult>;
    quit(group: { id: string; member: Member }): Promise<SdkResult>;
    dismiss(group: { id: string; member: Member }): Promise<SdkResult>;
    update(group: { id: string; name: string }): Promise<SdkResult>;
    get(group: { id: string }): Promise<SdkResult>;
    sync(user: { id: string; groups: Array<{ id: string; name: string }> }): Promise<SdkResult>;
    Gag: {
      add(group: { id: string; members: Member[]; minute: number }): Promise<SdkResult>;
      remove(group: { id: string; members: Member[] }): Promise<SdkResult>;
      getList(group: { id: string }): Promise<SdkResult>;
    };
    Mute: {
      All: {
        add(input: { groups: Array<{ id: string }> }): Promise<SdkResult>;
        remove(input: { groups: Array<{ id: string }> }): Promise<SdkResult>;
        getList(): Promise<SdkResult>;
      };
      Whitelist: {
        add(group: { id: string; members: Member[] }): Promise<SdkResult>;
        remove(group: { id: string; members: Member[] }): Promise<SdkResult>;
        getList(group: { id: string }): Promise<SdkResult>;
      };
    };
  };
}

type SdkFactory = (config: { appkey: string; secret: string; api: string | string[] }) => RongCloudSdk;

const require = createRequire(import.meta.url);

/** The SDK keeps one module-level configuration: each call re-initialises it (and re-signs its fixed headers). */
export function initSdk(appkey: string, secret: string, api: string): RongCloudSdk {
  const factory = require('rongcloud-sdk') as SdkFactory;
  return factory({ appkey, secret, api });
}
