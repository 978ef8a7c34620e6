/**
 * Runs the diagnoses (`doctor`, `pod why`): reads what the health package's rules need through the kube and
 * sources packages, in parallel, and hands the rules' results to the commands.
 */
package io.ipamctl.diagnose;
