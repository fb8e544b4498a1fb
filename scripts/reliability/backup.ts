export async function backupDrill() {}
