/**
 * {@code watasu.yaml} kept in a Git repository: read the model at a branch head, check a change against it, and land
 * a change as one commit (fetch, comment-preserving edit, validation of the whole model, commit, push, redone on a
 * new head when another writer won the race, never forced). Used by {@code watasu apps:trust --repo} and the
 * Terraform provider alike.
 */
package io.watasu.store;
