/** The CJK font the generators embed: Noto Sans SC Regular from the npm registry (devDependency). */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const FONT_PATH = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular/NotoSansSC_400Regular.ttf',
);
