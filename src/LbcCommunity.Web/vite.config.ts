import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build lands in the host's wwwroot, which serves it at "/". In development, `npm run dev` proxies the API
// to a host started with `dotnet run --project src/LbcCommunity.Host`.
export default defineConfig({
  plugins: [react()],
  // Stable file names: the .NET build lists wwwroot's files before npm runs, so a name that changed with every build
  // would leave it pointing at a file that is gone. The host serves them with ETags, so browsers still revalidate.
  build: {
    outDir: "../LbcCommunity.Host/wwwroot",
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "assets/[name].js", chunkFileNames: "assets/[name].js", assetFileNames: "assets/[name][extname]" } },
  },
  server: { proxy: { "/api": "http://localhost:5080" } },
});
