// The AKS cluster the chart runs on: Azure CNI overlay with Cilium (which enforces the chart's NetworkPolicy), the
// OIDC issuer and workload identity (pods act as the user-assigned identity), the Key Vault secrets provider (the
// Secrets Store CSI driver), the managed NGINX ingress (application routing), Container Insights into the
// workspace, Entra ID sign-in with Azure RBAC and no local accounts.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('The Kubernetes version; empty for the region\'s default.')
param kubernetesVersion string

@description('Free for a small environment; Standard (uptime SLA) for production.')
@allowed([
  'Free'
  'Standard'
])
param tier string

@description('The nodes\' VM size.')
param nodeVmSize string

@description('Nodes at least (the autoscaler\'s floor).')
@minValue(1)
param nodeMinCount int

@description('Nodes at most (the autoscaler\'s ceiling).')
param nodeMaxCount int

@description('Availability zones of the nodes; none in a region without zones or for a small environment.')
param availabilityZones array

@description('The nodes\' subnet.')
param nodesSubnetId string

@description('The Log Analytics workspace of Container Insights.')
param workspaceId string

@description('Entra ID groups that administer the cluster.')
param adminGroupObjectIds array

@description('Public addresses (CIDR) allowed to reach the API server; none leaves it open to every address.')
param operatorIpRanges array

@description('The workload identity (name) federated with the chart\'s service account.')
param workloadIdentityName string

@description('The namespace the chart is installed in.')
param kubernetesNamespace string

@description('The chart\'s service account name ("<release>-lbc-community" by default).')
param serviceAccountName string

@description('The container registry (name) the kubelet pulls from.')
param registryName string

// Built-in role: AcrPull.
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource cluster 'Microsoft.ContainerService/managedClusters@2026-08-01' = {
  name: '${name}-aks'
  location: location
  tags: tags
  sku: {
    name: 'Base'
    tier: tier
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: name
    kubernetesVersion: empty(kubernetesVersion) ? null : kubernetesVersion
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: adminGroupObjectIds
    }
    apiServerAccessProfile: {
      authorizedIPRanges: operatorIpRanges
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        type: 'VirtualMachineScaleSets'
        osType: 'Linux'
        osSKU: 'AzureLinux'
        vmSize: nodeVmSize
        count: nodeMinCount
        minCount: nodeMinCount
        maxCount: nodeMaxCount
        enableAutoScaling: true
        availabilityZones: availabilityZones
        vnetSubnetID: nodesSubnetId
        maxPods: 110
        upgradeSettings: {
          maxSurge: '33%'
        }
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkDataplane: 'cilium'
      networkPolicy: 'cilium'
      podCidr: '10.244.0.0/16'
      serviceCidr: '10.245.0.0/16'
      dnsServiceIP: '10.245.0.10'
      loadBalancerSku: 'standard'
      outboundType: 'loadBalancer'
    }
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    ingressProfile: {
      webAppRouting: {
        enabled: true
      }
    }
    autoUpgradeProfile: {
      upgradeChannel: 'patch'
      nodeOSUpgradeChannel: 'NodeImage'
    }
    addonProfiles: {
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: 'true'
          rotationPollInterval: '2m'
        }
      }
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
          useAADAuth: 'true'
        }
      }
    }
  }
}

resource workloadIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: workloadIdentityName
}

// The chart's service account, and only it, may exchange its token for the workload identity's.
resource federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = {
  parent: workloadIdentity
  name: 'aks-${kubernetesNamespace}-${serviceAccountName}'
  properties: {
    issuer: cluster.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${kubernetesNamespace}:${serviceAccountName}'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

resource kubeletPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, cluster.id, acrPull)
  scope: registry
  properties: {
    principalId: cluster.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

@description('The cluster name (az aks get-credentials).')
output name string = cluster.name

@description('The OIDC issuer of the cluster\'s service account tokens.')
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL
