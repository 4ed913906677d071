import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI's fonts are the OFL Noto fonts the printed documents embed; their licence ships
// beside them in the built app.
const fontLicence = {
  name: 'daftar-font-licence',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'fonts/OFL.txt',
      source: readFileSync(new URL('../crates/reports/fonts/OFL.txt', import.meta.url), 'utf8'),
    });
  },
};

export default defineConfig({
  plugins: [svelte(), fontLicence],
  clearScreen: false,
  build: { target: 'safari15', outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
  server: { fs: { allow: ['..'] } },
});
