// Key Vault: the token signing and encryption keys (PEM, written by an operator: docs/deploy.md), the PostgreSQL
// connection string and the Application Insights connection string (written here). RBAC only, purge protection on,
// reached from the cluster through a private endpoint and from the operators' addresses when they are given.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('The workload identity principal id: reads secrets (Key Vault Secrets User), nothing more.')
param workloadPrincipalId string

@description('Principals (users, groups) that write secrets: the token keys at install and at rotation.')
param secretsOfficerPrincipalIds array

@description('Public addresses (CIDR) of the operators; none keeps the vault private to the network.')
param operatorIpRanges array

@description('Days a deleted secret or vault can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('The private endpoints subnet.')
param endpointsSubnetId string

@description('The key vault private DNS zone.')
param vaultZoneId string

@description('The PostgreSQL host name.')
param postgresFqdn string

@description('The PostgreSQL database.')
param postgresDatabase string

@description('The PostgreSQL login the host connects as.')
param postgresLogin string

@description('The PostgreSQL password.')
@secure()
param postgresPassword string

@description('The Application Insights resource, whose connection string is kept for the collector.')
param insightsName string

// Built-in roles: Key Vault Secrets User, Key Vault Secrets Officer.
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: take('${name}-kv-${uniqueString(resourceGroup().id, name)}', 24)
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: empty(operatorIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [for range in operatorIpRanges: { value: range }]
    }
  }
}

resource postgresConnectionString 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  parent: vault
  name: 'postgres-connection-string'
  properties: {
    contentType: 'text/plain'
    value: 'Host=${postgresFqdn};Port=5432;Database=${postgresDatabase};Username=${postgresLogin};Password=${postgresPassword};SSL Mode=Require'
  }
}

resource insightsConnectionString 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  parent: vault
  name: 'appinsights-connection-string'
  properties: {
    contentType: 'text/plain'
    value: insights.properties.ConnectionString
  }
}

resource readerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, workloadPrincipalId, secretsUser)
  scope: vault
  properties: {
    principalId: workloadPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

resource officerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in secretsOfficerPrincipalIds: {
    name: guid(vault.id, principalId, secretsOfficer)
    scope: vault
    properties: {
      principalId: principalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
    }
  }
]

module endpoint 'private-endpoint.bicep' = {
  name: '${deployment().name}-vault-pe'
  params: {
    name: '${vault.name}-pe'
    location: location
    tags: tags
    targetId: vault.id
    groupId: 'vault'
    subnetId: endpointsSubnetId
    zoneId: vaultZoneId
  }
}

@description('The key vault name (secrets.keyVault.name of the chart).')
output name string = vault.name

@description('The names of the secrets written here.')
output secretNames array = [
  postgresConnectionString.name
  insightsConnectionString.name
]
