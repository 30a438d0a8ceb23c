// One LbcCommunity environment in one resource group: AKS (the Helm chart under Orleans' Kubernetes hosting), a
// storage account (Orleans tables and attachments, for the Azure storage mode), PostgreSQL flexible server, Key Vault,
// Log Analytics with Application Insights, a container registry, the workload's user-assigned identity with only
// the roles it needs, and the private network between them. docs/deploy.md walks through deploying it:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/params/small.bicepparam
targetScope = 'resourceGroup'

@description('The environment name, prefix of every resource name (lowercase letters, digits and dashes).')
@minLength(3)
@maxLength(12)
param name string

@description('The Azure region; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Tags of every resource.')
param tags object = {}

@description('Public addresses (CIDR) of the operators: the API server and Key Vault accept them; none keeps Key Vault private and leaves the API server open.')
param operatorIpRanges array = []

@description('Entra ID groups that administer the cluster (Azure RBAC).')
param clusterAdminGroupObjectIds array

@description('Principals that write the token keys into Key Vault (Key Vault Secrets Officer).')
param secretsOfficerPrincipalIds array

@description('The Kubernetes version; empty for the region\'s default.')
param kubernetesVersion string = ''

@description('AKS tier: Free, or Standard for the uptime SLA.')
@allowed([
  'Free'
  'Standard'
])
param clusterTier string

@description('The AKS nodes\' VM size.')
param nodeVmSize string

@description('AKS nodes at least.')
param nodeMinCount int

@description('AKS nodes at most.')
param nodeMaxCount int

@description('Availability zones of nodes, and of the PostgreSQL standby when highly available.')
param availabilityZones array = []

@description('The namespace the chart is installed in.')
param kubernetesNamespace string = 'lbc'

@description('The chart\'s service account ("<release>-lbc-community" for a release named lbc: "lbc-lbc-community").')
param serviceAccountName string = 'lbc-lbc-community'

@description('PostgreSQL compute size.')
param postgresSkuName string

@description('PostgreSQL compute tier.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int

@description('PostgreSQL zone-redundant high availability.')
param postgresHighAvailability bool

@description('PostgreSQL backup retention in days (the point-in-time restore window).')
param postgresBackupRetentionDays int

@description('PostgreSQL geo-redundant backups.')
param postgresGeoRedundantBackup bool

@description('PostgreSQL administrator login (the host connects as it).')
param postgresAdministratorLogin string = 'lbcadmin'

@description('PostgreSQL administrator password; the parameter files read it from LBC_POSTGRES_PASSWORD.')
@secure()
@minLength(16)
param postgresAdministratorPassword string

@description('Storage account redundancy.')
param storageSkuName string

@description('Days back attachments can be restored to (blob point-in-time restore).')
param blobRestoreDays int

@description('Days Log Analytics keeps logs.')
param logRetentionDays int

@description('Days a deleted secret can be recovered.')
param keyVaultSoftDeleteDays int

@description('Container registry tier.')
param registrySkuName string

module network 'modules/network.bicep' = {
  name: '${deployment().name}-network'
  params: {
    name: name
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: '${deployment().name}-monitoring'
  params: {
    name: name
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module identity 'modules/identity.bicep' = {
  name: '${deployment().name}-identity'
  params: {
    name: name
    location: location
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: '${deployment().name}-registry'
  params: {
    name: name
    location: location
    tags: tags
    skuName: registrySkuName
  }
}

module storage 'modules/storage.bicep' = {
  name: '${deployment().name}-storage'
  params: {
    name: name
    location: location
    tags: tags
    skuName: storageSkuName
    blobRestoreDays: blobRestoreDays
    workloadPrincipalId: identity.outputs.principalId
    endpointsSubnetId: network.outputs.endpointsSubnetId
    blobZoneId: network.outputs.blobZoneId
    tableZoneId: network.outputs.tableZoneId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: '${deployment().name}-postgres'
  params: {
    name: name
    location: location
    tags: tags
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    highAvailability: postgresHighAvailability
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    subnetId: network.outputs.postgresSubnetId
    vnetId: network.outputs.vnetId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: '${deployment().name}-keyvault'
  params: {
    name: name
    location: location
    tags: tags
    workloadPrincipalId: identity.outputs.principalId
    secretsOfficerPrincipalIds: secretsOfficerPrincipalIds
    operatorIpRanges: operatorIpRanges
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    endpointsSubnetId: network.outputs.endpointsSubnetId
    vaultZoneId: network.outputs.vaultZoneId
    postgresFqdn: postgres.outputs.fqdn
    postgresDatabase: postgres.outputs.databaseName
    postgresLogin: postgresAdministratorLogin
    postgresPassword: postgresAdministratorPassword
    insightsName: monitoring.outputs.insightsName
  }
}

module aks 'modules/aks.bicep' = {
  name: '${deployment().name}-aks'
  params: {
    name: name
    location: location
    tags: tags
    kubernetesVersion: kubernetesVersion
    tier: clusterTier
    nodeVmSize: nodeVmSize
    nodeMinCount: nodeMinCount
    nodeMaxCount: nodeMaxCount
    availabilityZones: availabilityZones
    nodesSubnetId: network.outputs.nodesSubnetId
    workspaceId: monitoring.outputs.workspaceId
    adminGroupObjectIds: clusterAdminGroupObjectIds
    operatorIpRanges: operatorIpRanges
    workloadIdentityName: identity.outputs.name
    kubernetesNamespace: kubernetesNamespace
    serviceAccountName: serviceAccountName
    registryName: registry.outputs.name
  }
}

@description('az aks get-credentials --name <this>.')
output aksName string = aks.outputs.name

@description('workloadIdentity.clientId of the chart.')
output identityClientId string = identity.outputs.clientId

@description('secrets.keyVault.tenantId of the chart.')
output tenantId string = tenant().tenantId

@description('secrets.keyVault.name of the chart.')
output keyVaultName string = keyVault.outputs.name

@description('The registry to push the image to (image.repository: <this>/lbc-community).')
output registryLoginServer string = registry.outputs.loginServer

@description('storage.azure.tableServiceUri of the chart (Azure storage mode).')
output tableServiceUri string = storage.outputs.tableEndpoint

@description('storage.azure.blobServiceUri of the chart (Azure storage mode).')
output blobServiceUri string = storage.outputs.blobEndpoint

@description('storage.azure.blobContainer of the chart.')
output attachmentsContainer string = storage.outputs.attachmentsContainer

@description('The PostgreSQL server (backups, restores).')
output postgresServerName string = postgres.outputs.serverName

@description('The gateway subnet prefix, for networkPolicy.httpFrom behind an Application Gateway.')
output gatewaySubnetPrefix string = network.outputs.gatewaySubnetPrefix
