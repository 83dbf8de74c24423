package io.github.modelarts.taskevents.simulator.auth;

/** A user the simulated IAM knows, with the one project its tokens are scoped to. */
public record IamAccount(String domainName, String userName, String password, String projectId,
                         String projectName) {

    @Override
    public String toString() {
        return "IamAccount[domainName=" + domainName + ", userName=" + userName + ", password=***, projectId="
                + projectId + ", projectName=" + projectName + "]";
    }
}
