# Build: docker build -t lbc-community .
# Run (embedded): docker run -p 8080:8080 -v lbc-data:/app/data lbc-community --seed-demo
# The web app signs in on the addresses the host listens on (http://localhost:8080, http://127.0.0.1:8080 through the
# published port). Served under another name or port (a proxy, a DNS name, -p 9000:8080), add the address people open:
# -e Identity__WebOrigins__0=https://lbc.example.org. Token keys live in the data volume; a cluster needs
# Identity__SigningKeyPath/EncryptionKeyPath, see docs/identity.md.
# scripts/check-image-build runs these build steps on a machine without Docker; keep the two in step.

# The web app (React, Vite), built into the host's wwwroot: the .NET SDK image has no Node.js.
FROM node:22-bookworm-slim AS web
WORKDIR /src/src/LbcCommunity.Web
COPY src/LbcCommunity.Web/package.json src/LbcCommunity.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/LbcCommunity.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY --from=web /src/src/LbcCommunity.Host/wwwroot/ src/LbcCommunity.Host/wwwroot/
# The web app is built already (above); the publish takes wwwroot as it is, and fails the build if it is not there.
RUN dotnet publish src/LbcCommunity.Host/LbcCommunity.Host.csproj -c Release -o /app -p:BuildWebApp=false \
    && test -f /app/wwwroot/index.html \
    && mkdir -p /data

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS final
WORKDIR /app
COPY --from=build /app .
# The data folder belongs to the app's user (APP_UID, 1654 in the .NET images): a new volume mounted there takes it.
COPY --from=build --chown=1654:1654 /data /app/data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataFolder=/app/data
# 8080: HTTP. 11111: the silo port, for the other hosts of a cluster only: keep it on a private network. The host opens
# no Orleans gateway unless Storage__GatewayPort is set (docs/operations.md).
EXPOSE 8080 11111
USER $APP_UID
ENTRYPOINT ["dotnet", "LbcCommunity.Host.dll"]
