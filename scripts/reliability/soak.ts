export async function soakDrill() {}
