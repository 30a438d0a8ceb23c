// The container registry the cluster pulls the image from (built from the repository's Dockerfile). No admin user,
// no anonymous pull: the cluster's kubelet identity gets AcrPull (modules/aks.bicep).

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('Basic for a small environment; Premium for production (geo-replication, private link).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: take('${replace(name, '-', '')}acr${uniqueString(resourceGroup().id, name)}', 50)
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}

@description('The registry name.')
output name string = registry.name

@description('The registry login server (image.repository prefix of the chart).')
output loginServer string = registry.properties.loginServer
