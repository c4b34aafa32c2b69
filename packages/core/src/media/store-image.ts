// Stores an uploaded image: checked and re-encoded by processImage, then put under a fresh key of its folder.
import type { UploadedFile } from '@groupchat/contracts';
import type { CoreDeps } from '../shared/deps.ts';
import { newMediaKey } from './media-store.ts';
import { processImage } from './process-image.ts';

/** Returns the media key; `field` names the input in error messages. */
export async function storeUploadedImage(
  deps: CoreDeps,
  file: UploadedFile,
  target: { field: string; folder: 'avatar' | 'group' },
): Promise<string> {
  const image = await processImage(file, target.field, deps.settings.media);
  const key = newMediaKey(target.folder, image.extension);
  await deps.media.put(key, image.data, image.contentType);
  return key;
}
