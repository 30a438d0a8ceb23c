// A private endpoint of one sub-resource (blob, table, vault) in the endpoints subnet, registered in its DNS zone.

@description('The endpoint name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('The resource the endpoint reaches.')
param targetId string

@description('The sub-resource (group id): blob, table, vault.')
param groupId string

@description('The endpoints subnet.')
param subnetId string

@description('The private DNS zone the endpoint registers its address in.')
param zoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: zoneId
        }
      }
    ]
  }
}
