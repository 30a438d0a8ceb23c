# Build: docker build -t lbc-community .
# Run (embedded): docker run -p 8080:8080 -v lbc-data:/app/data lbc-community --seed-demo
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/LbcCommunity.Host/LbcCommunity.Host.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS final
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataFolder=/app/data
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "LbcCommunity.Host.dll"]
