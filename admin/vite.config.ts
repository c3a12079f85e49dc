import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const adminDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: adminDir,
  base: '/admin/',
  plugins: [react()],
  // src/shared: the pure modules the server and the admin both read (the stored codes' labels).
  resolve: { alias: { '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
