import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

// The app's own paths, besides "/". The host serves wwwroot as static files (no fallback to index.html), so each path
// gets a copy of index.html in its folder: "/join" is answered with a redirect to "/join/", which serves the app, and
// so is "/auth/callback" (the redirect keeps the query string, so the authorization response comes through).
const appPaths = ["join", "auth/callback", "notifications", "preferences"];

function pageCopies(): Plugin {
  return {
    name: "lbc-page-copies",
    apply: "build",
    enforce: "post",
    generateBundle(_, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") throw new Error("index.html is not in the bundle");
      for (const page of appPaths) {
        this.emitFile({ type: "asset", fileName: `${page}/index.html`, source: index.source });
      }
    },
  };
}

// The build lands in the host's wwwroot, which serves it at "/". In development, `npm run dev` proxies the API, the
// sign-in and the hubs to a host started with `dotnet run --project src/LbcCommunity.Host`.
export default defineConfig({
  plugins: [react(), pageCopies()],
  // Stable file names: the .NET build lists wwwroot's files before npm runs, so a name that changed with every build
  // would leave it pointing at a file that is gone. The host serves them with ETags, so browsers still revalidate.
  build: {
    outDir: "../LbcCommunity.Host/wwwroot",
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "assets/[name].js", chunkFileNames: "assets/[name].js", assetFileNames: "assets/[name][extname]" } },
  },
  server: {
    proxy: {
      "/api": "http://localhost:5080",
      "/connect": "http://localhost:5080",
      "/signin": "http://localhost:5080",
      "/.well-known": "http://localhost:5080",
      "/hubs": { target: "http://localhost:5080", ws: true },
    },
  },
});
