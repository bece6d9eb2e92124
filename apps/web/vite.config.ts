import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Writes .gz and .br beside each JS and CSS file, which the server sends pre-compressed. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'frontline-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const file of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(file)) continue;
        const full = path.join(assets, file);
        const data = readFileSync(full);
        writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${full}.br`, brotliCompressSync(data));
      }
    },
  };
}

export default defineConfig({
  base: '/agent/',
  plugins: [react(), precompress()],
  resolve: { conditions: ['source'] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
      '/auth': 'http://127.0.0.1:3000',
    },
  },
});
