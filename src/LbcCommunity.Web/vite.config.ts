import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build lands in the host's wwwroot, which serves it at "/". In development, `npm run dev` proxies the API
// to a host started with `dotnet run --project src/LbcCommunity.Host`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "../LbcCommunity.Host/wwwroot", emptyOutDir: true },
  server: { proxy: { "/api": "http://localhost:5080" } },
});
