# Build: docker build -t lbc-community .
# Run (embedded): docker run -p 8080:8080 -v lbc-data:/app/data lbc-community --seed-demo
# (served elsewhere than http://localhost:8080: set Identity__WebOrigins__0 to the address people open; token keys
# live in the data volume; a cluster needs Identity__SigningKeyPath/EncryptionKeyPath, see docs/identity.md)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/LbcCommunity.Host/LbcCommunity.Host.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS final
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataFolder=/app/data \
    Identity__WebOrigins__0=http://localhost:8080
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "LbcCommunity.Host.dll"]
