// Azure Database for PostgreSQL flexible server: OpenIddict's stores and the data-protection key ring (schema
// identity), the read models, and in the Cluster storage mode Orleans' tables too. Private access only: the server
// lives in a delegated subnet and its name resolves through a private DNS zone linked to the network.

@description('The environment name, prefix of every resource name.')
param name string

@description('The Azure region.')
param location string

@description('Tags of every resource.')
param tags object

@description('The compute size, e.g. Standard_B2s (Burstable) or Standard_D4ds_v5 (GeneralPurpose).')
param skuName string

@description('The compute tier of skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('The storage size in GiB (grows on its own past it).')
param storageSizeGB int

@description('Zone-redundant high availability (a standby in another zone).')
param highAvailability bool

@description('Days of backups, the window of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Copy backups to the paired region (restore there after a regional outage).')
param geoRedundantBackup bool

@description('The administrator login.')
param administratorLogin string

@description('The administrator password.')
@secure()
param administratorPassword string

@description('The subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers.')
param subnetId string

@description('The virtual network the private DNS zone is linked to.')
param vnetId string

@description('The database the host uses.')
param databaseName string = 'lbc'

var serverName = '${name}-pg-${uniqueString(resourceGroup().id, name)}'

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${serverName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource zoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: zone
  name: '${name}-vnet-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnetId
    }
  }
}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailability ? 'ZoneRedundant' : 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: subnetId
      privateDnsZoneArmResourceId: zone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    zoneLink
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// TLS for every connection (the connection string says SSL Mode=Require).
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

@description('The server name.')
output serverName string = server.name

@description('The server host name (private).')
output fqdn string = server.properties.fullyQualifiedDomainName

@description('The database name.')
output databaseName string = database.name
