package org.example.library;

/** A library's class named like a repository that is not our data layer (as Spring Security's CSRF one). */
public interface TokenRepository {
    String token();
}
