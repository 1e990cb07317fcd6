import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { PREACT_ALIASES } from './preact-aliases';

/** Fonts worth fetching ahead: the subsets English and Urdu text use (not latin-ext), in the format browsers take (woff2). */
const PRECACHED_FONT = /-(latin|arabic)-\d00-normal-[^/]*\.woff2$/;

/**
 * Writes dist/sw.js after the build: src/sw/service-worker.ts with the list of files it keeps for
 * offline use (index.html, every chunk, lazy ones included, every stylesheet, the fonts English and
 * Urdu use) and a version that changes with them.
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hifazat-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => /\.(js|css|html)$/.test(file) || PRECACHED_FONT.test(file))
        .sort()
        .map((file) => `/${file}`);
      const source = fs.readFileSync(path.resolve(import.meta.dirname, 'src/sw/service-worker.ts'), 'utf8');
      const { code } = await transformWithOxc(source, 'service-worker.ts', { lang: 'ts' });
      const body = code.replace(/^export \{\};?\s*$/m, '');
      const version = createHash('sha256').update(files.join('\n')).update(body).digest('hex').slice(0, 16);
      const header = `const PRECACHE = ${JSON.stringify(files)};\nconst VERSION = ${JSON.stringify(version)};\n`;
      fs.writeFileSync(path.join(outDir, 'sw.js'), header + body);
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker()],
  resolve: { alias: PREACT_ALIASES },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks and CSS each page loads, for the bundle budget (e2e/bundle-size.ts).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: {
        // The contract's modules have no side effects, so its unused zod schemas stay out of the bundle.
        // (Marking calls to `z` pure did more harm than good: minified libraries name functions `z` too,
        // and Preact's renderer lost its diff call to it.)
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contract[\\/]/.test(id),
      },
    },
  },
});
