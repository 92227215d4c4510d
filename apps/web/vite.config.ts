import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The web application, built into dist/web of the repository, which the api serves (no CDN on the intranet). */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: { alias: { '@': here('src') } },
  plugins: [
    vue(),
    // Element Plus on demand: only the components and services a page uses, with their styles
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('src/auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('src/components.d.ts'), dirs: [] }),
  ],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    sourcemap: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
