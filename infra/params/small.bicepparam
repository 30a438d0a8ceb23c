// A small environment: a demo or a pilot state. One zone, burstable PostgreSQL without a standby, LRS storage, free
// AKS tier, two nodes that may grow to three (the chart's three silos fit on two).
//   export LBC_POSTGRES_PASSWORD='…'   (16+ characters; kept in Key Vault by the deployment)
//   az deployment group create -g lbc-small -f infra/main.bicep -p infra/params/small.bicepparam
using '../main.bicep'

param name = 'lbc-small'
param tags = {
  product: 'lbc-community'
  environment: 'small'
}
// Replace with your operators' addresses and your groups' and people's object ids.
param operatorIpRanges = [
  '203.0.113.0/24'
]
param clusterAdminGroupObjectIds = [
  '00000000-0000-0000-0000-000000000001'
]
param secretsOfficerPrincipalIds = [
  '00000000-0000-0000-0000-000000000001'
]
param clusterTier = 'Free'
param nodeVmSize = 'Standard_D2ds_v5'
param nodeMinCount = 2
param nodeMaxCount = 3
param availabilityZones = []
param postgresSkuName = 'Standard_B2s'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresHighAvailability = false
param postgresBackupRetentionDays = 7
param postgresGeoRedundantBackup = false
param postgresAdministratorPassword = readEnvironmentVariable('LBC_POSTGRES_PASSWORD')
param storageSkuName = 'Standard_LRS'
param blobRestoreDays = 7
param logRetentionDays = 30
param keyVaultSoftDeleteDays = 7
param registrySkuName = 'Basic'
