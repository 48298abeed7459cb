/** The kind of repository (the `type` key of the repository Secret). */
export enum RepositoryType {
  /** A git repository over https (`https://...`) or ssh (`git@host:org/repo.git`, `ssh://...`). */
  GIT = 'git',
  /** A classic Helm chart repository (`https://charts.example.com`). */
  HELM = 'helm',
  /** An OCI registry holding Helm charts or manifests (`oci://ghcr.io/org/charts` or `ghcr.io/org/charts`). */
  OCI = 'oci',
}
