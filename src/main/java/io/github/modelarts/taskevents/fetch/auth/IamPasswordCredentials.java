package io.github.modelarts.taskevents.fetch.auth;

/**
 * What IAM needs for a project-scoped token by password: the user, the account (domain) it belongs to and
 * the project, by id when {@code projectId} is set, else by name ({@code projectName}, e.g. {@code eu-de}).
 */
public record IamPasswordCredentials(String userName, String password, String domainName, String projectId,
                                     String projectName) {

    public IamPasswordCredentials {
        Required.text(userName, "IAM user name");
        Required.text(password, "IAM password");
        Required.text(domainName, "IAM domain name");
        if (isBlank(projectId) && isBlank(projectName)) {
            throw new IllegalArgumentException("IAM project id or project name is required");
        }
    }

    boolean scopedById() {
        return !isBlank(projectId);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "IamPasswordCredentials[userName=" + userName + ", password=***, domainName=" + domainName
                + ", projectId=" + projectId + ", projectName=" + projectName + "]";
    }
}
