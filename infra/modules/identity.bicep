// The workload's user-assigned managed identity: the pods act as it (AKS workload identity, federated with the
// chart's service account) towards Key Vault and Storage, and it holds no role anywhere else.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${name}-workload'
  location: location
  tags: tags
}

@description('The identity resource name.')
output name string = identity.name

@description('The identity principal (object) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('The identity client id (workloadIdentity.clientId of the chart).')
output clientId string = identity.properties.clientId
