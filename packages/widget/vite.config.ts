import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

// Two builds into dist/ (see package.json "build"):
// - `vite build`: the chat app, dist/app.html + dist/assets/*, served by the server under /widget/;
// - `vite build --mode loader`: dist/loader.js, one minified IIFE for the host page's <script> tag.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const common: UserConfig = {
  // Only types and plain constants may come from the shared package's main entry at run time: it would bring zod
  // with it. The realtime client subpath is free of zod (and listed first: an alias also matches what is under it).
  resolve: {
    alias: {
      '@kefu/shared/realtime-client': here('../shared/src/realtime/client/index.ts'),
      '@kefu/shared': here('../shared/src/index.ts'),
    },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
};

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'loader') {
    return {
      ...common,
      publicDir: false,
      build: {
        outDir: here('dist'),
        emptyOutDir: false,
        target: 'es2019',
        lib: {
          entry: here('src/loader/index.ts'),
          formats: ['iife'],
          name: 'KefuLoader',
          fileName: () => 'loader.js',
        },
      },
    };
  }
  return {
    ...common,
    root: here('src/app'),
    // Relative asset URLs: app.html works wherever the server mounts dist/ (it uses /widget/).
    base: './',
    publicDir: false,
    build: {
      outDir: here('dist'),
      emptyOutDir: true,
      target: 'es2019',
      rollupOptions: { input: here('src/app/app.html') },
    },
    server: {
      proxy: {
        '/api': 'http://localhost:3000',
        '/ws': { target: 'ws://localhost:3000', ws: true },
      },
    },
  };
});
