// The environment's private network: one virtual network whose subnets hold the AKS nodes, the PostgreSQL server
// (a delegated subnet: the flexible server has no private endpoint in that mode) and the private endpoints of the
// storage account and the key vault, with the private DNS zones that make their names resolve to those endpoints.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('The address space of the virtual network; the subnets are carved from it in order.')
param addressPrefix string = '10.40.0.0/16'

var nodesPrefix = cidrSubnet(addressPrefix, 20, 0)
var postgresPrefix = cidrSubnet(addressPrefix, 24, 16)
var endpointsPrefix = cidrSubnet(addressPrefix, 24, 17)
var gatewayPrefix = cidrSubnet(addressPrefix, 24, 18)

// Private DNS zones of the private endpoints; names from the cloud's suffixes, not written out (sovereign clouds).
var blobZoneName = 'privatelink.blob.${environment().suffixes.storage}'
var tableZoneName = 'privatelink.table.${environment().suffixes.storage}'
var vaultZoneName = 'privatelink.vaultcore.azure.net'

resource endpointsNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${name}-endpoints-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        // Only the cluster's nodes (and so its pods, overlay traffic leaves through the nodes) reach the endpoints.
        name: 'allow-https-from-nodes'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: nodesPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: endpointsPrefix
          destinationPortRange: '443'
        }
      }
      {
        name: 'deny-other-inbound'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource postgresNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${name}-postgres-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-postgres-from-nodes'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: nodesPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: postgresPrefix
          destinationPortRange: '5432'
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: '${name}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'aks-nodes'
        properties: {
          addressPrefix: nodesPrefix
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: postgresPrefix
          networkSecurityGroup: {
            id: postgresNsg.id
          }
          delegations: [
            {
              name: 'postgres-flexible-server'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: endpointsPrefix
          networkSecurityGroup: {
            id: endpointsNsg.id
          }
          privateEndpointNetworkPolicies: 'NetworkSecurityGroupEnabled'
        }
      }
      {
        // Reserved for an Application Gateway ingress (AGIC); empty unless one is added.
        name: 'application-gateway'
        properties: {
          addressPrefix: gatewayPrefix
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in [blobZoneName, tableZoneName, vaultZoneName]: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in [blobZoneName, tableZoneName, vaultZoneName]: {
    parent: zones[i]
    name: '${name}-vnet-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

@description('The virtual network.')
output vnetId string = vnet.id

@description('The subnet of the AKS nodes.')
output nodesSubnetId string = vnet.properties.subnets[0].id

@description('The subnet delegated to the PostgreSQL flexible server.')
output postgresSubnetId string = vnet.properties.subnets[1].id

@description('The subnet of the private endpoints.')
output endpointsSubnetId string = vnet.properties.subnets[2].id

@description('The subnet reserved for an Application Gateway; networkPolicy.httpFrom takes its prefix then.')
output gatewaySubnetPrefix string = gatewayPrefix

@description('The private DNS zone of blob endpoints.')
output blobZoneId string = zones[0].id

@description('The private DNS zone of table endpoints.')
output tableZoneId string = zones[1].id

@description('The private DNS zone of key vault endpoints.')
output vaultZoneId string = zones[2].id
