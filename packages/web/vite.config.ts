import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { PREACT_ALIASES } from './preact-aliases';
import { PUBLIC_PAGES, SIGN_IN_PAGE, SIGNED_IN_FRAME, SIGNED_IN_PAGES } from './src/app/page-table';

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

type BuiltChunk = { fileName: string; imports: string[]; facadeModuleId?: string | null; isEntry?: boolean; viteMetadata?: { importedCss: Set<string> } };

/**
 * Writes dist/page-preloads.json: for the sign-in page, the signed-in frame, each page address and each
 * public page (opened without an account, outside the frame), the
 * files (JS and CSS) it needs beyond the entry's own. The server puts them in the HTML it sends for
 * that address, so that a browser asks for everything at once (src/app/page-table.ts).
 */
function pagePreloads(): Plugin {
  let root = '';
  let outDir = 'dist';
  return {
    name: 'hifazat-page-preloads',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk') as unknown as BuiltChunk[];
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (chunk: BuiltChunk, into = new Set<string>()): Set<string> => {
        if (into.has(chunk.fileName)) return into;
        into.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
        for (const file of chunk.imports) {
          const imported = byFile.get(file);
          if (imported) closure(imported, into);
        }
        return into;
      };
      // The app's entry (index.html); the sign-in page's (signin.html) loads on its own.
      const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId === path.resolve(root, 'index.html'));
      if (!entry) throw new Error('the build has no entry chunk');
      const inEntry = closure(entry);
      const filesOf = (module: string): string[] => {
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === path.resolve(root, module));
        if (!chunk) throw new Error(`page-table.ts names ${module}, which the build has no chunk for`);
        return [...closure(chunk)].filter((file) => !inEntry.has(file)).map((file) => `/${file}`);
      };
      const preloads = {
        signIn: { path: SIGN_IN_PAGE.path, files: filesOf(SIGN_IN_PAGE.module) },
        frame: filesOf(SIGNED_IN_FRAME),
        pages: SIGNED_IN_PAGES.map(({ path: address, module, data }) => ({ path: address, files: filesOf(module), data: data ?? [] })),
        public: PUBLIC_PAGES.map(({ path: address, module, data }) => ({ path: address, files: filesOf(module), data: data ?? [] })),
      };
      fs.writeFileSync(path.join(outDir, 'page-preloads.json'), JSON.stringify(preloads));
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker(), pagePreloads()],
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
      // The app, and the sign-in page sent to a visitor without a session (src/signin.tsx).
      input: { app: path.resolve(import.meta.dirname, 'index.html'), signin: path.resolve(import.meta.dirname, 'signin.html') },
      preserveEntrySignatures: false,
      output: {
        // Small shared chunks are copied into the chunks that use them: the event page came in 64 files,
        // and on a slow link each takes a 400 ms round trip of a browser's six connections (20 files now,
        // for 8 kB more; docs/benchmarks.md, "Web bundle").
        codeSplitting: { experimentalInlineCommonChunks: { maxSize: 20_000 } },
      },
      treeshake: {
        // The contract's modules have no side effects: a page includes only those it imports values from.
        // Its constants live apart from its schemas (contract/src/vocabulary.ts), so zod comes only with
        // the forms' schemas, fetched after the page has drawn (src/lib/form-schemas.ts).
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contract[\\/]/.test(id),
      },
    },
  },
});
