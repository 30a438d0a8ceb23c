// The storage account of the Azure storage mode: Table storage for Orleans' membership, grain state and reminders,
// a blob container for attachments. Reached only through private endpoints and only with Entra ID (no shared keys):
// the workload identity gets the two data roles on this account and nothing else.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('Standard_LRS for a small environment; Standard_ZRS or Standard_GZRS for production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Days back a blob point-in-time restore can go (soft delete keeps one day more).')
@minValue(1)
@maxValue(364)
param blobRestoreDays int

@description('The workload identity principal id.')
param workloadPrincipalId string

@description('The private endpoints subnet.')
param endpointsSubnetId string

@description('The blob private DNS zone.')
param blobZoneId string

@description('The table private DNS zone.')
param tableZoneId string

@description('The blob container of attachments.')
param attachmentsContainer string = 'attachments'

@description('Tables the Azure storage mode uses (created here so that no role to create tables is needed at start).')
param tables array = [
  'OrleansSiloInstances'
  'OrleansGrainState'
  'OrleansReminders'
]

// Built-in roles: Storage Table Data Contributor, Storage Blob Data Contributor.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: take('${replace(name, '-', '')}st${uniqueString(resourceGroup().id, name)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: account
  name: 'default'
  properties: {
    // Point-in-time restore of attachments needs versioning, the change feed and soft delete longer than the window.
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
    }
    deleteRetentionPolicy: {
      enabled: true
      days: blobRestoreDays + 1
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: blobRestoreDays + 1
    }
    restorePolicy: {
      enabled: true
      days: blobRestoreDays
    }
  }
}

resource attachments 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobs
  name: attachmentsContainer
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-08-01' = {
  parent: account
  name: 'default'
}

resource orleansTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-08-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, workloadPrincipalId, tableDataContributor)
  scope: account
  properties: {
    principalId: workloadPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, workloadPrincipalId, blobDataContributor)
  scope: account
  properties: {
    principalId: workloadPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
  }
}

module blobEndpoint 'private-endpoint.bicep' = {
  name: '${deployment().name}-blob-pe'
  params: {
    name: '${account.name}-blob-pe'
    location: location
    tags: tags
    targetId: account.id
    groupId: 'blob'
    subnetId: endpointsSubnetId
    zoneId: blobZoneId
  }
}

module tableEndpoint 'private-endpoint.bicep' = {
  name: '${deployment().name}-table-pe'
  params: {
    name: '${account.name}-table-pe'
    location: location
    tags: tags
    targetId: account.id
    groupId: 'table'
    subnetId: endpointsSubnetId
    zoneId: tableZoneId
  }
}

@description('The storage account name.')
output name string = account.name

@description('The Table service endpoint (storage.azure.tableServiceUri of the chart).')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('The Blob service endpoint (storage.azure.blobServiceUri of the chart).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('The attachments container.')
output attachmentsContainer string = attachments.name

@description('The tables created for the Azure storage mode.')
output tables array = [for (table, i) in tables: orleansTables[i].name]
