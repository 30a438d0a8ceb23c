// Logs and telemetry: a Log Analytics workspace (the cluster's container logs, and Application Insights' store) and a
// workspace-based Application Insights resource. The host exports OTLP (src/LbcCommunity.Host/Telemetry); an
// OpenTelemetry Collector in the cluster forwards it with the connection string kept in Key Vault (docs/deploy.md).

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Telemetry arrives with the connection string only (no instrumentation key alone).
    DisableLocalAuth: false
  }
}

@description('The Log Analytics workspace.')
output workspaceId string = workspace.id

@description('The Application Insights resource.')
output insightsId string = insights.id

@description('The Application Insights resource name.')
output insightsName string = insights.name
