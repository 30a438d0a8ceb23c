// A production environment: three zones, general-purpose PostgreSQL with a zone-redundant standby and geo-redundant
// backups kept 35 days, zone- and geo-redundant storage, the AKS uptime SLA, three to six nodes.
//   export LBC_POSTGRES_PASSWORD='…'   (16+ characters; kept in Key Vault by the deployment)
//   az deployment group create -g lbc-prod -f infra/main.bicep -p infra/params/production.bicepparam
using '../main.bicep'

param name = 'lbc-prod'
param tags = {
  product: 'lbc-community'
  environment: 'production'
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
param clusterTier = 'Standard'
param nodeVmSize = 'Standard_D4ds_v5'
param nodeMinCount = 3
param nodeMaxCount = 6
param availabilityZones = [
  '1'
  '2'
  '3'
]
param postgresSkuName = 'Standard_D4ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageSizeGB = 128
param postgresHighAvailability = true
param postgresBackupRetentionDays = 35
param postgresGeoRedundantBackup = true
param postgresAdministratorPassword = readEnvironmentVariable('LBC_POSTGRES_PASSWORD')
param storageSkuName = 'Standard_GZRS'
param blobRestoreDays = 30
param logRetentionDays = 90
param keyVaultSoftDeleteDays = 90
param registrySkuName = 'Premium'
